import { Gauge } from 'prom-client';
import { serviceRegistry } from './service-metrics';

/** Reads one figure from a service's own store when `/metrics` is scraped. */
export type ScrapeReader = () => Promise<Array<{ labels?: Record<string, string>; value: number }>>;

const readers = new Map<string, ScrapeReader>();

/**
 * A gauge of `service`'s registry whose value is read at scrape time (counts held in the database:
 * connections near re-authorization, orders past their erasure date). The latest reader registered
 * for a name answers, so a service restarted in one process (tests) reads its live database. A read
 * that fails keeps the last values: a scrape during a database restart shows no false zero.
 */
export function scrapeGauge(service: string, config: { name: string; help: string; labelNames?: string[] }, read: ScrapeReader): void {
  const key = `${service}:${config.name}`;
  readers.set(key, read);
  const registry = serviceRegistry(service);
  if (registry.getSingleMetric(config.name)) return;
  new Gauge({
    ...config,
    labelNames: config.labelNames ?? [],
    registers: [registry],
    async collect() {
      const reader = readers.get(key);
      if (!reader) return;
      const rows = await reader().catch(() => null);
      if (!rows) return;
      this.reset();
      for (const row of rows) {
        if (row.labels) this.set(row.labels, row.value);
        else this.set(row.value);
      }
    },
  });
}
