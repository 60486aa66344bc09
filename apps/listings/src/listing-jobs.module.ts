import { JOB_HANDLERS } from '@amazon-channel/platform-service';
import { Module } from '@nestjs/common';
import { ImportListingsHandler } from './import-listings/import-listings.handler';
import { ImportListingsModule } from './import-listings/import-listings.module';
import { LinkListingsHandler } from './link-listings/link-listings.handler';
import { LinkListingsModule } from './link-listings/link-listings.module';
import { PublishListingsHandler } from './publish-listings/publish-listings.handler';
import { PublishListingsModule } from './publish-listings/publish-listings.module';
import { SyncListingsHandler } from './sync-listings/sync-listings.handler';
import { SyncListingsModule } from './sync-listings/sync-listings.module';

/** The job handlers listings registers with the platform JobRunner. */
@Module({
  imports: [ImportListingsModule, LinkListingsModule, SyncListingsModule, PublishListingsModule],
  providers: [
    {
      provide: JOB_HANDLERS,
      useFactory: (...handlers: [ImportListingsHandler, LinkListingsHandler, SyncListingsHandler, PublishListingsHandler]) => handlers,
      inject: [ImportListingsHandler, LinkListingsHandler, SyncListingsHandler, PublishListingsHandler],
    },
  ],
  exports: [JOB_HANDLERS],
})
export class ListingJobsModule {}
