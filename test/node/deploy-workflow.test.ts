/**
 * .github/workflows/deploy.yml deploys what was tested: the test job builds once and hands the
 * Worker and assets on with their hash; the deploy job verifies the hash, builds nothing, installs
 * wrangler alone and uses no cache. And tools/prebuilt-config.ts writes the config that uploads
 * the bundle unchanged.
 *
 *   node --test test/node/deploy-workflow.test.ts
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { experimental_readRawConfig } from "wrangler";
import { parse } from "yaml";
import { prebuiltConfig } from "../../tools/prebuilt-config.ts";

const root = resolve(import.meta.dirname, "../..");

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  outputs?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(readFileSync(join(root, ".github", "workflows", "deploy.yml"), "utf8")) as {
  jobs: Record<string, Job>;
};
const { test: testJob, deploy } = workflow.jobs as { test: Job; deploy: Job };
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
/** A GitHub Actions expression, `${{ … }}`, as the workflow spells it. */
const expression = (inner: string) => `$${"{{"} ${inner} }}`;
const indexOf = (job: Job, found: (s: Step) => boolean) => job.steps.findIndex(found);

test("the deploy job runs only after the test job passed", () => {
  assert.deepEqual([deploy.needs].flat(), ["test"]);
});

test("the test job builds the bundle once, before the tests, and uploads it with its hash", () => {
  const dryRun = indexOf(testJob, (s) => s.run === "npx --no wrangler deploy --dry-run --outdir dist/worker");
  const config = indexOf(testJob, (s) => s.run === "node tools/prebuilt-config.ts");
  const tests = indexOf(testJob, (s) => s.run === "npm test");
  const pack = indexOf(testJob, (s) => s.id === "pack");
  const upload = indexOf(testJob, (s) => s.uses?.startsWith("actions/upload-artifact@") === true);
  assert.ok(dryRun >= 0 && dryRun < config && config < tests && tests < pack && pack < upload);
  assert.match(testJob.steps[pack]?.run ?? "", /tar -cf blog\.tar dist\/worker dist\/assets migrations/);
  assert.match(testJob.steps[pack]?.run ?? "", /sha256=\$\(sha256sum blog\.tar/);
  assert.equal(testJob.outputs?.sha256, expression("steps.pack.outputs.sha256"));
  assert.deepEqual(testJob.steps[upload]?.with, {
    name: "blog",
    path: "blog.tar",
    "if-no-files-found": "error",
    "retention-days": 7,
  });
});

test("the deploy job verifies the artifact against the test job's hash before anything else uses it", () => {
  const download = indexOf(deploy, (s) => s.uses?.startsWith("actions/download-artifact@") === true);
  const verify = indexOf(deploy, (s) => s.name === "verify the artifact");
  const install = indexOf(deploy, (s) => /\bnpm\b/.test(s.run ?? ""));
  const upload = indexOf(deploy, (s) => /wrangler deploy/.test(s.run ?? ""));
  assert.ok(download >= 0 && download < verify && verify < install && install < upload);
  const step = deploy.steps[verify] as Step;
  // From the job output, never from a file inside the artifact.
  assert.deepEqual(step.env, { EXPECTED: expression("needs.test.outputs.sha256") });
  assert.match(step.run ?? "", /^test -n "\$EXPECTED"$/m);
  assert.match(step.run ?? "", /^echo "\$EXPECTED {2}blog\.tar" \| sha256sum --check --strict -$/m);
  // Unpacked only after the check.
  assert.ok((step.run ?? "").indexOf("sha256sum") < (step.run ?? "").indexOf("tar -xf blog.tar"));
});

test("the deploy job builds nothing and installs wrangler alone", () => {
  const commands = runs(deploy);
  assert.doesNotMatch(commands, /npm (run|test)|src\/build|--dry-run|prebuilt-config/);
  assert.deepEqual(
    deploy.steps.filter((s) => /\bnpm\b/.test(s.run ?? "")).map((s) => s.run),
    ["npm ci --prefix tools/deploy --ignore-scripts"],
  );
  assert.deepEqual(
    deploy.steps.filter((s) => /wrangler/.test(s.run ?? "")).map((s) => s.run),
    [
      // Federation's schema, only when the config binds its database; then the upload.
      `if grep -q '"d1_databases"' dist/worker/wrangler.json; then\n  tools/deploy/node_modules/.bin/wrangler d1 migrations apply DB --remote --config dist/worker/wrangler.json\nfi\n`,
      "tools/deploy/node_modules/.bin/wrangler deploy --config dist/worker/wrangler.json",
    ],
  );
  const own = JSON.parse(readFileSync(join(root, "tools", "deploy", "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const project = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  assert.deepEqual(own.dependencies, { wrangler: project.dependencies.wrangler });
});

test("the deploy job uses no cache", () => {
  for (const step of deploy.steps) {
    assert.doesNotMatch(step.uses ?? "", /^actions\/cache/);
    assert.equal(step.with?.cache, undefined);
  }
  const node = deploy.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
  assert.equal(node?.with?.["package-manager-cache"], false);
});

test("every action is pinned by a full commit SHA", () => {
  for (const job of Object.values(workflow.jobs)) {
    for (const step of job.steps) if (step.uses) assert.match(step.uses, /^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
  }
});

test("the prebuilt config uploads the bundle unchanged, with the project's settings and no build", () => {
  const raw = {
    name: "blog",
    main: "src/worker/index.ts",
    compatibility_flags: ["no_nodejs_compat"],
    build: { command: "node src/build/index.ts", watch_dir: ["content"] },
    assets: { directory: "dist/assets", binding: "ASSETS", run_worker_first: ["/_content/*"] },
  };
  assert.deepEqual(prebuiltConfig(raw, { bundle: "index.js", assets: "../assets" }), {
    name: "blog",
    main: "index.js",
    no_bundle: true,
    compatibility_flags: ["no_nodejs_compat"],
    assets: { directory: "../assets", binding: "ASSETS", run_worker_first: ["/_content/*"] },
  });
});

test("the project's own wrangler.toml keeps every setting but the build in the prebuilt config", () => {
  const raw = experimental_readRawConfig({ config: join(root, "wrangler.toml") }).rawConfig as Record<string, unknown>;
  const config = prebuiltConfig(raw, { bundle: "index.js", assets: "../assets" });
  const { build: _b, main: _m, assets, ...rest } = raw;
  assert.ok(_b, "wrangler.toml has a [build] command to drop");
  assert.deepEqual(config, {
    ...rest,
    main: "index.js",
    no_bundle: true,
    assets: { ...(assets as object), directory: "../assets" },
  });
});

test("with federation's database bound, the prebuilt config points its migrations at the artifact's", () => {
  const raw = {
    name: "b",
    main: "src/worker/index.ts",
    d1_databases: [{ binding: "DB", database_id: "id", migrations_dir: "migrations" }],
  };
  assert.deepEqual(
    prebuiltConfig(raw, { bundle: "index.js", assets: "../assets", migrations: "../../migrations" }).d1_databases,
    [{ binding: "DB", database_id: "id", migrations_dir: "../../migrations" }],
  );
  // Without one, nothing about D1 appears.
  assert.equal(
    "d1_databases" in prebuiltConfig({ name: "b" }, { bundle: "index.js", assets: "../assets", migrations: "../../migrations" }),
    false,
  );
});
