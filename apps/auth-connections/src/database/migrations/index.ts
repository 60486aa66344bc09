import { Init1795440698398 } from './1795440698398-Init';
import { Connections1795442960778 } from './1795442960778-Connections';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440698398, Connections1795442960778];
