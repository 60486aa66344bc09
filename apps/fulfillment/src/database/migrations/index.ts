import { Init1795440700780 } from './1795440700780-Init';
import { OneRunningJob1795442277771 } from './1795442277771-OneRunningJob';
import { OutboxBatches1795447257770 } from './1795447257770-OutboxBatches';
import { ConnectionsProjection1796402721569 } from './1796402721569-ConnectionsProjection';
import { Shipments1797700000000 } from './1797700000000-Shipments';
import { MappingTemplates1797700000001 } from './1797700000001-MappingTemplates';

/** This service's migrations, oldest first. */
export const migrations = [
  Init1795440700780,
  OneRunningJob1795442277771,
  OutboxBatches1795447257770,
  ConnectionsProjection1796402721569,
  Shipments1797700000000,
  MappingTemplates1797700000001,
];
