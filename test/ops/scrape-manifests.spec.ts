import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { loadAll } from 'js-yaml';

interface K8sObject {
  kind: string;
  metadata: { name: string };
  spec?: {
    selector?: { matchLabels?: Record<string, string> };
    template?: {
      metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
      spec?: { containers?: Array<{ ports?: Array<{ containerPort: number }> }> };
    };
  };
}

const root = path.join(__dirname, '..', '..');
const SERVICES = ['auth-connections', 'fulfillment', 'listings', 'orders', 'scheduler'];

function render(overlay: string): K8sObject[] {
  const yaml = execFileSync('kubectl', ['kustomize', path.join(root, 'k8s', 'overlays', overlay)], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  return (loadAll(yaml) as K8sObject[]).filter(Boolean);
}

describe.each(['dev', 'prod'])('manifests (%s): what Prometheus scrapes', (overlay) => {
  const objects = render(overlay);
  // The services; the dev overlay's sp-api-sandbox stands in for Amazon and is not watched.
  const deployments = objects.filter((o) => o.kind === 'Deployment' && SERVICES.some((s) => o.metadata.name.endsWith(s)));

  it('renders the five service Deployments', () => {
    expect(deployments).toHaveLength(SERVICES.length);
  });

  it('annotates every Deployment pod for scraping on its HTTP port at /metrics', () => {
    for (const deployment of deployments) {
      const annotations = deployment.spec?.template?.metadata?.annotations ?? {};
      const ports = (deployment.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort)));
      expect({ name: deployment.metadata.name, scrape: annotations['prometheus.io/scrape'], path: annotations['prometheus.io/path'] }).toEqual({
        name: deployment.metadata.name,
        scrape: 'true',
        path: '/metrics',
      });
      expect(ports).toContain(annotations['prometheus.io/port']);
    }
  });

  it('has a PodDisruptionBudget selecting each Deployment', () => {
    const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    for (const deployment of deployments) {
      const labels = deployment.spec?.template?.metadata?.labels ?? {};
      const covering = budgets.filter((b) => Object.entries(b.spec?.selector?.matchLabels ?? { none: 'x' }).every(([k, v]) => labels[k] === v));
      expect({ deployment: deployment.metadata.name, budgets: covering.length }).toEqual({ deployment: deployment.metadata.name, budgets: 1 });
    }
  });
});
