import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { loadAll } from 'js-yaml';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as core from 'kubernetes-models/v1';

const root = path.resolve(__dirname, '../../..');

/** One rendered Kubernetes object (only the fields these tests read are typed). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: Record<string, unknown>;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string; optional?: boolean }; secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface EnvFrom {
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
  prefix?: string;
}
/** The parts of a container these tests run. */
export interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: EnvFrom[];
  ports?: Array<{ name?: string; containerPort: number }>;
}
interface ServicePort {
  name?: string;
  port: number;
  targetPort: number | string;
}

type Model = new (data: never) => { validate(): void };
/** The API groups the manifests use, by apiVersion; an object of any other group fails validation. */
const MODELS: Record<string, Record<string, unknown>> = { v1: core, 'apps/v1': apps, 'batch/v1': batch, 'policy/v1': policy, 'autoscaling/v2': autoscaling };

/** Renders an overlay exactly as `kubectl apply -k` would (`kubectl kustomize`). */
export function renderOverlay(overlay: string): K8sObject[] {
  const yaml = execFileSync('kubectl', ['kustomize', path.join(root, 'k8s', 'overlays', overlay)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return (loadAll(yaml) as Array<K8sObject | null>).filter((doc): doc is K8sObject => doc !== null);
}

/** Validates each object against the Kubernetes API schema of its kind; returns one line per problem. */
export function validationProblems(objects: K8sObject[]): string[] {
  return objects.flatMap((object) => {
    const model = MODELS[object.apiVersion]?.[object.kind] as Model | undefined;
    if (!model) return [`${object.kind} ${object.metadata.name}: no schema for ${object.apiVersion}`];
    try {
      new model(asSent(object) as never).validate();
      return [];
    } catch (error) {
      return [`${object.kind} ${object.metadata.name}: ${error instanceof Error ? error.message : String(error)}`];
    }
  });
}

/**
 * The object as the API server decodes it: kustomize wraps long base64 Secret values over several
 * lines, which the server's base64 decoding skips (Go ignores newlines) but the schema's `byte`
 * format does not.
 */
function asSent(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  return { ...object, data: Object.fromEntries(Object.entries(object.data).map(([k, v]) => [k, v.replace(/\s+/g, '')])) };
}

/** The object of a kind and name; fails the test when the manifests lack it. */
export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`the rendered manifests have no ${kind} ${name}`);
  return found;
}

/** The first container of a Deployment, Job or CronJob. */
export function containerOf(object: K8sObject): Container {
  const spec = object.spec as { template?: { spec: { containers: Container[] } }; jobTemplate?: { spec: { template: { spec: { containers: Container[] } } } } };
  const pod = spec.template?.spec ?? spec.jobTemplate?.spec.template.spec;
  if (!pod?.containers.length) throw new Error(`${object.kind} ${object.metadata.name} has no container`);
  return pod.containers[0];
}

/**
 * A cluster of local processes: each Service port is a free 127.0.0.1 port, reachable under the
 * Service's DNS name (`http://auth-connections:3001`) and its documented port-forward
 * (`http://localhost:3001`). Other addresses (kafka:9092) are mapped explicitly.
 */
export class LocalCluster {
  /** `host:port` as the manifests write it → `127.0.0.1:<local port>`. */
  private readonly addresses = new Map<string, string>();
  /** `<Deployment name>/<container port>` → local port. */
  private readonly podPorts = new Map<string, number>();
  private readonly children = new Set<ChildProcess>();

  constructor(
    private readonly objects: K8sObject[],
    freePorts: number[],
    extra: Record<string, string>,
    /** Secret values the test replaces by its own, by variable (the database of this test). */
    private readonly secretOverrides: Record<string, string>,
  ) {
    for (const [from, to] of Object.entries(extra)) this.addresses.set(from, to);
    for (const service of objects.filter((o) => o.kind === 'Service')) {
      const spec = service.spec as { selector: Record<string, string>; ports: ServicePort[] };
      const deployment = objects.find(
        (o) =>
          o.kind === 'Deployment' &&
          Object.entries(spec.selector).every(([k, v]) => (o.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels[k] === v),
      );
      if (!deployment) throw new Error(`Service ${service.metadata.name} selects no Deployment`);
      const ports = containerOf(deployment).ports ?? [];
      for (const servicePort of spec.ports) {
        const target = ports.find((p) => p.name === servicePort.targetPort || p.containerPort === servicePort.targetPort);
        if (!target)
          throw new Error(
            `Service ${service.metadata.name} port ${servicePort.port} targets ${servicePort.targetPort}, which Deployment ${deployment.metadata.name} does not declare`,
          );
        const local = freePorts.shift();
        if (local === undefined) throw new Error('not enough free ports');
        this.addresses.set(`${service.metadata.name}:${servicePort.port}`, `127.0.0.1:${local}`);
        this.addresses.set(`localhost:${servicePort.port}`, `127.0.0.1:${local}`);
        this.podPorts.set(`${deployment.metadata.name}/${target.containerPort}`, local);
      }
    }
  }

  /** The local base URL of `http://<service>:<port>`. */
  url(service: string, port: number): string {
    const address = this.addresses.get(`${service}:${port}`);
    if (!address) throw new Error(`no Service ${service}:${port}`);
    return `http://${address}`;
  }

  /**
   * The environment a workload's container gets, resolved as the kubelet does (envFrom, then env
   * over it), with cluster addresses rewritten to local ones. A variable whose value is one of the
   * container's own ports (PORT, GRPC_PORT) gets the local port its Service reaches, and the
   * test's own Secret values replace the overlay's.
   */
  environment(workload: K8sObject): Record<string, string> {
    const container = containerOf(workload);
    const env = this.declared(workload);
    const ownPorts = new Map((container.ports ?? []).map((p) => [String(p.containerPort), this.podPorts.get(`${workload.metadata.name}/${p.containerPort}`)]));
    return Object.fromEntries(
      Object.entries(env).map(([name, value]) => {
        if (name in this.secretOverrides) return [name, this.secretOverrides[name]];
        const local = ownPorts.get(value);
        if (local !== undefined) return [name, String(local)];
        let rewritten = value;
        for (const [from, to] of this.addresses) rewritten = rewritten.split(from).join(to);
        return [name, rewritten];
      }),
    );
  }

  /** The environment a workload's container gets in the cluster (envFrom, then env over it), as written. */
  declared(workload: K8sObject): Record<string, string> {
    const container = containerOf(workload);
    const env: Record<string, string> = {};
    for (const source of container.envFrom ?? []) {
      const ref = source.configMapRef ?? source.secretRef;
      if (!ref) throw new Error(`${workload.metadata.name}: envFrom without a reference`);
      const values = this.values(source.configMapRef ? 'ConfigMap' : 'Secret', ref.name, ref.optional === true);
      for (const [key, value] of Object.entries(values)) env[`${source.prefix ?? ''}${key}`] = value;
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.configMapKeyRef ?? variable.valueFrom?.secretKeyRef;
      const value = ref ? this.values(variable.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret', ref.name, ref.optional === true)[ref.key] : variable.value;
      if (value === undefined) {
        if (ref?.optional) continue;
        throw new Error(`${workload.metadata.name}: ${variable.name} has no value`);
      }
      env[variable.name] = value;
    }
    return env;
  }

  /**
   * Starts a workload's command as its own OS process (its own process group) with exactly
   * {@link environment} plus `extra`: `node dist/<app>/apps/<app>/src/<file>.js` runs the source it
   * is built from, `apps/<app>/src/<file>.ts`.
   */
  run(workload: K8sObject, extra: Record<string, string> = {}, onOutput?: (line: string) => void): ChildProcess {
    const container = containerOf(workload);
    const [program, script, ...args] = [...(container.command ?? []), ...(container.args ?? [])];
    const source = /^dist\/([a-z-]+)\/(apps\/\1\/src\/[\w.-]+)\.js$/.exec(script ?? '');
    if (program !== 'node' || !source)
      throw new Error(`${workload.metadata.name}: command ${JSON.stringify(container.command)} is not node dist/<app>/apps/<app>/src/<file>.js`);
    const child = spawn(process.execPath, [path.join(root, 'tools', 'run-ts.js'), path.join(root, `${source[2]}.ts`), ...args], {
      cwd: root,
      env: { ...this.environment(workload), ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) =>
        chunk
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .forEach((line) => onOutput?.(line)),
      );
    }
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** Kills every process started here, with its process group. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.children].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            try {
              process.kill(-(child.pid as number), 'SIGKILL');
            } catch {
              child.kill('SIGKILL');
            }
          }),
      ),
    );
  }

  private values(kind: 'ConfigMap' | 'Secret', name: string, optional: boolean): Record<string, string> {
    const object = this.objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!object) {
      if (optional) return {};
      throw new Error(`${kind} ${name} is referenced but not in the manifests`);
    }
    if (kind === 'ConfigMap') return { ...object.data };
    const decoded = Object.fromEntries(Object.entries(object.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
    return { ...decoded, ...object.stringData };
  }
}

/** Runs a one-shot workload (a migrate Job, a CronJob's command) to its end. */
export async function runToEnd(
  cluster: LocalCluster,
  workload: K8sObject,
  extra: Record<string, string> = {},
): Promise<{ code: number | null; output: string[] }> {
  const output: string[] = [];
  const child = cluster.run(workload, extra, (line) => output.push(line));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, output };
}
