import { Init1795440699986 } from './1795440699986-Init';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440699986];
