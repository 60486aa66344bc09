import type { PublishCandidate } from './domain/publish-source';

/** A SKU's desired record with the platform listing it belongs to. */
export interface PublishCandidateRow extends PublishCandidate {
  /** Id of the platform listing record (names the SKU in events when it has no channel listing yet). */
  recordId: string;
  /** The platform's own id of the listing. */
  platformListingId: string;
}

/** Reads the desired records publish offers (the desired-state model on platform listings). */
export abstract class PublishCandidates {
  /** Desired records of these SKUs of a connection (SKUs the platform never described are absent). */
  abstract find(connectionId: string, skus: string[]): Promise<Map<string, PublishCandidateRow>>;
}
