import { Init1795440698398 } from './1795440698398-Init';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440698398];
