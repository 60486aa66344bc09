import { Counter, Gauge, Histogram, Registry, register, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from 'prom-client';
import { currentService } from './service-context';

const registries = new Map<string, Registry>();

/** Metrics every service exports from its first scrape, used or not (a panel's zero is not a gap). */
const everyService: Array<(registry: Registry) => unknown> = [];

/** Options of the per-service metric factories. */
export interface ScopedOptions {
  /**
   * Shown on every service's `/metrics` from the start (default), so a dashboard or alert naming it
   * finds it before the first event; false for a metric only one service's code ever touches (it
   * appears on first use).
   */
  everyService?: boolean;
}

/**
 * The registry of one service's metrics. Several services may share a process (the embedded
 * default), so each keeps its own and its `/metrics` shows only its own series; process-wide
 * default metrics stay in prom-client's global registry.
 */
export function serviceRegistry(service: string): Registry {
  let registry = registries.get(service);
  if (!registry) {
    registry = new Registry();
    // Every series names its service, whatever the scrape configuration adds (dashboards filter on it).
    registry.setDefaultLabels({ service });
    registries.set(service, registry);
  }
  return registry;
}

/**
 * The registry code running now reports to: its service's (see `runAsService`); outside any service's
 * context (a gRPC call, a timer started before the context was set, a test that builds the app itself)
 * the process's only service if it has just one; else the global one.
 */
export function currentRegistry(): Registry {
  const service = currentService();
  if (service) return serviceRegistry(service);
  if (registries.size === 1) return registries.values().next().value as Registry;
  return register;
}

/**
 * One metric per service, created on first use in each service's registry. The returned object
 * forwards every call to the current service's instance, so module-level metrics (`messagesHandled.inc(…)`)
 * count for the service whose code made the call.
 */
function scoped<T extends object>(name: string, create: (registry: Registry) => T, options: ScopedOptions = {}): T {
  const resolveIn = (registry: Registry): T => (registry.getSingleMetric(name) as T | undefined) ?? create(registry);
  const resolve = (): T => resolveIn(currentRegistry());
  if (options.everyService ?? true) everyService.push(resolveIn);
  return new Proxy({} as T, {
    get(_target, prop) {
      const metric = resolve();
      const value = Reflect.get(metric, prop, metric) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(metric) : value;
    },
  });
}

/** A counter kept per service (see {@link scoped}). */
export function serviceCounter<L extends string>(config: CounterConfiguration<L>, options?: ScopedOptions): Counter<L> {
  return scoped(config.name, (registry) => new Counter({ ...config, registers: [registry] }), options);
}

/** A gauge kept per service (see {@link scoped}). */
export function serviceGauge<L extends string>(config: GaugeConfiguration<L>, options?: ScopedOptions): Gauge<L> {
  return scoped(config.name, (registry) => new Gauge({ ...config, registers: [registry] }), options);
}

/** A histogram kept per service (see {@link scoped}). */
export function serviceHistogram<L extends string>(config: HistogramConfiguration<L>, options?: ScopedOptions): Histogram<L> {
  return scoped(config.name, (registry) => new Histogram({ ...config, registers: [registry] }), options);
}

/**
 * Prometheus text for one service: its own registry, then the process-wide metrics (CPU, memory,
 * event loop) that no service registry repeats.
 */
export async function serviceMetricsText(service: string): Promise<string> {
  const own = serviceRegistry(service);
  for (const declare of everyService) declare(own);
  const names = new Set(own.getMetricsAsArray().map((m) => m.name));
  // Only the process's own figures: anything else in the global registry belongs to no one service.
  const shared = register.getMetricsAsArray().filter((m) => /^(process|nodejs)_/.test(m.name) && !names.has(m.name));
  const parts = [await own.metrics()];
  for (const metric of shared) parts.push(await register.getSingleMetricAsString(metric.name));
  return `${parts.filter((p) => p.trim().length > 0).join('\n')}\n`;
}
