import { Init1795440699230 } from './1795440699230-Init';
import { ListingsModel1795443027255 } from './1795443027255-ListingsModel';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440699230, ListingsModel1795443027255];
