import type { BundlePart, PackageItem } from './shipment-checks';
import type { PackageStatus } from './package-status';
import { LIVE_STATUSES } from './package-status';

/** A package of an order, as the plan reads it. */
export interface PlannedPackage {
  id: string;
  status: PackageStatus;
  items: PackageItem[];
  bundleParts: BundlePart[];
}

/** What to do with a package whose items are decided now. */
export interface PackageAction {
  id: string;
  action: 'send' | 'wait' | 'covered';
  /** Amazon order items and units to confirm with this package. */
  items: PackageItem[];
}

/** Statuses whose items the plan decides (again): not yet handed to Amazon. */
const PLANNED: ReadonlySet<PackageStatus> = new Set(['READY', 'WAITING_BUNDLE']);

/**
 * Decides each unsent package's Amazon items: its own lines, plus one line per bundle order item
 * for the bundle units this package completes (every component shipped, counting the order's
 * packages in order). A package of bundle parts that completes nothing waits for the rest of the
 * bundle; once a later package completes it, the earlier one is covered by that one (Amazon takes
 * one update per order item: the seed's bundle rule).
 * @param packages - every package of one order, oldest first
 */
export function planOrder(packages: readonly PlannedPackage[]): PackageAction[] {
  const live = packages.filter((p) => (LIVE_STATUSES as readonly string[]).includes(p.status));
  const compositions = new Map<string, Array<{ sku: string; quantity: number }>>();
  for (const p of live)
    for (const part of p.bundleParts)
      if (part.components && !compositions.has(part.bundleOrderItemId)) compositions.set(part.bundleOrderItemId, part.components);
  const shipped = new Map<string, Map<string, number>>();
  const completed = new Map<string, number>();
  const actions: PackageAction[] = [];
  const waiting: Array<{ id: string; shippedSoFar: Array<{ bundle: string; sku: string; units: number }> }> = [];
  for (const p of live) {
    const completedHere = new Map<string, number>();
    const shippedSoFar: Array<{ bundle: string; sku: string; units: number }> = [];
    for (const bundle of new Set(p.bundleParts.map((part) => part.bundleOrderItemId))) {
      const units = shipped.get(bundle) ?? new Map<string, number>();
      const own = p.bundleParts.filter((part) => part.bundleOrderItemId === bundle);
      for (const part of own) units.set(part.sku, (units.get(part.sku) ?? 0) + part.quantity);
      shipped.set(bundle, units);
      for (const part of own) shippedSoFar.push({ bundle, sku: part.sku, units: units.get(part.sku) ?? 0 });
      const composition = compositions.get(bundle);
      const before = completed.get(bundle) ?? 0;
      // Without a make-up, the components in this package are the whole bundle.
      const total = composition
        ? Math.min(...composition.map((c) => Math.floor((units.get(c.sku) ?? 0) / c.quantity)))
        : before + Math.min(...own.map((part) => part.quantity));
      if (total > before) completedHere.set(bundle, total - before);
      completed.set(bundle, Math.max(before, total));
    }
    if (!PLANNED.has(p.status)) continue;
    const items = [...p.items, ...[...completedHere].map(([orderItemId, quantity]) => ({ orderItemId, quantity }))];
    if (items.length > 0) actions.push({ id: p.id, action: 'send', items });
    else waiting.push({ id: p.id, shippedSoFar });
  }
  // A parts-only package is covered once later packages completed bundles using all the units it shipped.
  for (const w of waiting) {
    const covered = w.shippedSoFar.every(({ bundle, sku, units }) => {
      const perBundle = compositions.get(bundle)?.find((c) => c.sku === sku)?.quantity ?? 1;
      return (completed.get(bundle) ?? 0) * perBundle >= units;
    });
    actions.push({ id: w.id, action: covered ? 'covered' : 'wait', items: [] });
  }
  return actions;
}
