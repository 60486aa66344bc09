import { Module } from '@nestjs/common';
import { ChannelListingsController } from './channel-listings.controller';
import { ChannelListingsRepository } from './channel-listings.repository';

/** Channel listings: the model, its repository and the read API. */
@Module({ controllers: [ChannelListingsController], providers: [ChannelListingsRepository], exports: [ChannelListingsRepository] })
export class ChannelListingsModule {}
