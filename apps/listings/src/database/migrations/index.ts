import { Init1795440699230 } from './1795440699230-Init';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440699230];
