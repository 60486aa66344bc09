import { Init1795440700780 } from './1795440700780-Init';
import { OneRunningJob1795442277771 } from './1795442277771-OneRunningJob';

/** This service's migrations, oldest first. */
export const migrations = [Init1795440700780, OneRunningJob1795442277771];
