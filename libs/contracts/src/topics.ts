import type { EventDefinition } from './define-event';
import { ConnectionAuthFailedV1 } from './events/connections/connection-auth-failed.v1';
import { ConnectionChangedV1 } from './events/connections/connection-changed.v1';
import { ConnectionAuthorizedV1 } from './events/connections/connection-authorized.v1';
import { ConnectionReauthorizationDueV1 } from './events/connections/connection-reauthorization-due.v1';
import { ConnectionRevokedV1 } from './events/connections/connection-revoked.v1';
import { ShipmentConfirmedV1 } from './events/fulfillment/shipment-confirmed.v1';
import { ShipmentReadyV1 } from './events/fulfillment/shipment-ready.v1';
import { ShipmentReadyV2 } from './events/fulfillment/shipment-ready.v2';
import { ShipmentRejectedV1 } from './events/fulfillment/shipment-rejected.v1';
import { JobCompletedV1 } from './events/jobs/job-completed.v1';
import { JobProgressedV1 } from './events/jobs/job-progressed.v1';
import { JobRequestedV1 } from './events/jobs/job-requested.v1';
import { JobStartedV1 } from './events/jobs/job-started.v1';
import { ListingImportedV1 } from './events/listings/listing-imported.v1';
import { ListingLinkBrokenV1 } from './events/listings/listing-link-broken.v1';
import { ListingLinkedV1 } from './events/listings/listing-linked.v1';
import { ListingPublishFailedV1 } from './events/listings/listing-publish-failed.v1';
import { ListingPublishedV1 } from './events/listings/listing-published.v1';
import { ListingSyncFailedV1 } from './events/listings/listing-sync-failed.v1';
import { ListingSyncedV1 } from './events/listings/listing-synced.v1';
import { ListingsImportCompletedV1 } from './events/listings/listings-import-completed.v1';
import { PlatformListingChangedV1 } from './events/listings/platform-listing-changed.v1';
import { OrderCancelledV1 } from './events/orders/order-cancelled.v1';
import { OrderImportedV1 } from './events/orders/order-imported.v1';
import { OrderPiiRedactedV1 } from './events/orders/order-pii-redacted.v1';
import { OrderUpdatedV1 } from './events/orders/order-updated.v1';
import { SourceComplianceChangedV1 } from './events/orders/source-compliance-changed.v1';

/**
 * Every event version the system knows, in one registry: tools create topics from it and
 * consumers look definitions up by topic. A new version is added here beside the old one.
 */
export const EVENT_REGISTRY: readonly EventDefinition[] = [
  ConnectionAuthorizedV1,
  ConnectionAuthFailedV1,
  ConnectionRevokedV1,
  ConnectionReauthorizationDueV1,
  ConnectionChangedV1,
  ListingImportedV1,
  ListingsImportCompletedV1,
  ListingLinkedV1,
  ListingLinkBrokenV1,
  ListingPublishedV1,
  ListingPublishFailedV1,
  ListingSyncedV1,
  ListingSyncFailedV1,
  PlatformListingChangedV1,
  OrderImportedV1,
  OrderUpdatedV1,
  OrderCancelledV1,
  OrderPiiRedactedV1,
  SourceComplianceChangedV1,
  ShipmentReadyV1,
  ShipmentReadyV2,
  ShipmentConfirmedV1,
  ShipmentRejectedV1,
  JobRequestedV1,
  JobStartedV1,
  JobProgressedV1,
  JobCompletedV1,
];

const byTopic = new Map(EVENT_REGISTRY.map((definition) => [definition.topic, definition]));

/** The definition published on a topic, or undefined for a topic the registry does not know. */
export function definitionForTopic(topic: string): EventDefinition | undefined {
  return byTopic.get(topic);
}

/** The dead-letter topic of a topic: messages that could not be handled, with the error in headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Every topic of the registry and its dead-letter topic, for provisioning. */
export function allTopics(): string[] {
  return EVENT_REGISTRY.flatMap((definition) => [definition.topic, deadLetterTopic(definition.topic)]);
}
