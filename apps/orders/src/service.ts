import { ConnectionProjectionEntity } from '@amazon-channel/platform-auth';
import { JobEntity, type ServiceDefinition } from '@amazon-channel/platform-service';
import { MappingTemplateEntity } from '@amazon-channel/platform-templates';
import { migrations } from './database/migrations';
import { ORDERS_SCHEMA } from './database/tables';
import { OrderItemEntity } from './orders/entities/order-item.entity';
import { OrderPiiEntity } from './orders/entities/order-pii.entity';
import { OrderSettingsEntity } from './orders/entities/order-settings.entity';
import { OrderSkipEntity } from './orders/entities/order-skip.entity';
import { OrderSyncStateEntity } from './orders/entities/order-sync-state.entity';
import { OrderEntity } from './orders/entities/order.entity';
import { PiiAuditEntity } from './orders/entities/pii-audit.entity';
import { ShippingMappingEntity } from './shipping-mappings/shipping-mapping.entity';
import { SourceEntity } from './sources/source.entity';

/** orders: its schema, entities and migrations. */
export const ORDERS_SERVICE: ServiceDefinition = {
  name: 'orders',
  schema: ORDERS_SCHEMA,
  title: 'orders',
  description: 'Amazon orders: get orders, shipping mappings, cancellations, PII retention',
  entities: [
    ConnectionProjectionEntity,
    JobEntity,
    OrderEntity,
    OrderItemEntity,
    OrderPiiEntity,
    PiiAuditEntity,
    OrderSkipEntity,
    OrderSyncStateEntity,
    OrderSettingsEntity,
    ShippingMappingEntity,
    SourceEntity,
    MappingTemplateEntity,
  ],
  migrations,
};
