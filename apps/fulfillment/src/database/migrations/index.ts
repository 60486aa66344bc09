import { Init1795440700780 } from './1795440700780-Init';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440700780];
