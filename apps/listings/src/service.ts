import { ConnectionProjectionEntity } from '@amazon-channel/platform-auth';
import { JobEntity, type ServiceDefinition } from '@amazon-channel/platform-service';
import { MappingTemplateEntity } from '@amazon-channel/platform-templates';
import { ChannelListingEntity } from './channel-listings/entities/channel-listing.entity';
import { migrations } from './database/migrations';
import { ImportRowErrorEntity } from './import-listings/entities/import-row-error.entity';
import { PlatformListingEntity } from './link-listings/entities/platform-listing.entity';
import { CatalogLookupEntity } from './publish-listings/entities/catalog-lookup.entity';
import { PublishResultEntity } from './publish-listings/entities/publish-result.entity';
import { RestrictionCheckEntity } from './publish-listings/entities/restriction-check.entity';
import { SyncFeedEntity } from './sync-listings/entities/sync-feed.entity';
import { SyncSettingsEntity } from './sync-listings/entities/sync-settings.entity';
import { LISTINGS_SCHEMA } from './service-schema';

/** listings: its schema, entities and migrations. */
export const LISTINGS_SERVICE: ServiceDefinition = {
  name: 'listings',
  schema: LISTINGS_SCHEMA,
  title: 'listings',
  description: 'Amazon listings: import, link, publish and sync',
  entities: [
    ConnectionProjectionEntity,
    JobEntity,
    ChannelListingEntity,
    ImportRowErrorEntity,
    PlatformListingEntity,
    CatalogLookupEntity,
    RestrictionCheckEntity,
    PublishResultEntity,
    MappingTemplateEntity,
    SyncFeedEntity,
    SyncSettingsEntity,
  ],
  migrations,
};
