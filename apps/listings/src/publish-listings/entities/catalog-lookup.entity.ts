import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CatalogMatch } from '../domain/asin-resolution';

/**
 * What Catalog Items answered for one identifier in one marketplace (also "no match"): catalog
 * lookups cost 2/s per seller, so an identifier is looked up once and every later publish, of any
 * connection selling in the marketplace, reads it from here. Catalog data is public, not a tenant's.
 */
@Entity({ name: 'catalog_lookups' })
@Index('catalog_lookups_key', ['marketplaceId', 'identifierType', 'identifier'], { unique: true })
export class CatalogLookupEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  marketplaceId!: string;

  /** `ASIN`, `UPC`, `EAN`, `GTIN` or `ISBN` (the search type). */
  @Column('text')
  identifierType!: string;

  /** The value searched (an ISBN-10 is searched, and stored, as its ISBN-13). */
  @Column('text')
  identifier!: string;

  @Column('jsonb')
  matches!: CatalogMatch[];

  @Column('timestamptz')
  lookedUpAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
