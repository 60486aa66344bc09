import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A report row an Import Listings run could not read (wrong column count, bad number, bad
 * encoding...), with its line number so a seller can find it in the file. Part of the run's
 * result record; the run itself goes on.
 */
@Entity({ name: 'import_row_errors' })
// A resumed run re-reads at most one batch: the same line is recorded once.
@Index('import_row_errors_job_line_key', ['jobId', 'line'], { unique: true })
export class ImportRowErrorEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  jobId!: string;

  @Column('text')
  tenantId!: string;

  /** Line in the report file; the header is line 1. */
  @Column('integer')
  line!: number;

  @Column('text', { nullable: true })
  sku!: string | null;

  @Column('text')
  message!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
