import { CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A connection whose default schedules were created (the first time it was seen authorized): a
 * default the seller deleted is not created again.
 */
@Entity({ name: 'schedule_seeds' })
export class ScheduleSeedEntity {
  @PrimaryColumn('text')
  connectionId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
