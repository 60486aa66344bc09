import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { T } from '../database/tables';
import { DEFAULT_FULFILLMENT_SETTINGS, type FulfillmentSettings } from './domain/intake-decision';

/** Each connection's carrier settings (auto-detect, check-digit policy). The only writer of `carrier_settings`. */
@Injectable()
export class CarrierSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The connection's settings, or the defaults (auto-detect on, check digits warn). */
  async get(connectionId: string): Promise<FulfillmentSettings> {
    const [row] = await this.dataSource.query(`SELECT auto_detect, check_digit_policy FROM ${T.settings} WHERE connection_id = $1`, [connectionId]);
    return row ? { autoDetect: row.auto_detect, checkDigitPolicy: row.check_digit_policy } : { ...DEFAULT_FULFILLMENT_SETTINGS };
  }

  async save(tenantId: string, connectionId: string, settings: FulfillmentSettings): Promise<FulfillmentSettings> {
    await this.dataSource.query(
      `INSERT INTO ${T.settings} (connection_id, tenant_id, auto_detect, check_digit_policy) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connection_id) DO UPDATE SET auto_detect = EXCLUDED.auto_detect, check_digit_policy = EXCLUDED.check_digit_policy, updated_at = now()`,
      [connectionId, tenantId, settings.autoDetect, settings.checkDigitPolicy],
    );
    return settings;
  }
}
