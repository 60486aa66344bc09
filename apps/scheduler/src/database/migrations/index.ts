import { Init1795440734844 } from './1795440734844-Init';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440734844];
