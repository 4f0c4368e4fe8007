import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// Minimum versions for packages with published advisories. Every copy in
// package-lock.json, at any nesting depth, must be at least this version; when a
// dependency pins an older copy, raise it with `overrides` in the root package.json.
interface MinimumVersion {
  name: string;
  minimum: string;
  advisory: string;
  reason: string;
}

const MINIMUM_VERSIONS: readonly MinimumVersion[] = [
  {
    name: "vega-expression",
    minimum: "5.2.1",
    advisory: "CVE-2025-59840 (GHSA-7f2v-3qq3-vvjf)",
    reason: "vega-lite 5.23.0 pins ~5.1.1; fixed in 5.2.1 (vega/vega-lite#9720)",
  },
];

interface LockEntry {
  name?: string;
  version?: string;
  link?: boolean;
}

interface Lockfile {
  lockfileVersion?: number;
  packages?: Record<string, LockEntry>;
}

/** "1.2.3", "v1.2.3-rc.1+build" → numbers and pre-release tag; null if not a version. */
export function parseVersion(version: string): { parts: [number, number, number]; pre: string } | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!m) return null;
  return { parts: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ?? "" };
}

/**
 * Compare major.minor.patch numerically (5.10.0 > 5.9.9). On equal numbers a
 * pre-release comes before its release (5.2.1-rc.1 < 5.2.1), as it may predate the fix.
 */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) throw new Error(`not a version: ${!va ? a : b}`);
  for (let i = 0; i < 3; i++) {
    if (va.parts[i] !== vb.parts[i]) return va.parts[i] < vb.parts[i] ? -1 : 1;
  }
  if (va.pre === vb.pre) return 0;
  if (va.pre === "") return 1;
  if (vb.pre === "") return -1;
  return 0; // both pre-releases of the same version: treat as equal
}

/** Package name of a lockfile `packages` key: the part after the last node_modules/. */
export function packageName(key: string, entry: LockEntry): string {
  if (entry.name !== undefined) return entry.name; // aliases and workspace folders carry their real name
  const i = key.lastIndexOf("node_modules/");
  return i < 0 ? key : key.slice(i + "node_modules/".length);
}

/** Every lockfile copy of a listed package below its minimum (or with no readable version). */
export function findOutdated(lock: Lockfile, table: readonly MinimumVersion[]): string[] {
  if (lock.packages === undefined || (lock.lockfileVersion ?? 1) < 2) {
    throw new Error("expected a lockfileVersion ≥ 2 lockfile with a `packages` map");
  }
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (entry.link) continue; // a symlink: its target has its own entry
    const rule = table.find((r) => r.name === packageName(key, entry));
    if (!rule) continue;
    const where = key === "" ? "(root)" : key;
    if (entry.version === undefined || parseVersion(entry.version) === null) {
      problems.push(`${where}: version ${JSON.stringify(entry.version)} cannot be checked against ≥ ${rule.minimum} (${rule.advisory})`);
    } else if (compareVersions(entry.version, rule.minimum) < 0) {
      problems.push(`${where}@${entry.version} is below ${rule.minimum}: ${rule.advisory} — ${rule.reason}`);
    }
  }
  return problems;
}

function readLockfile(): Lockfile {
  return JSON.parse(readFileSync(join(__dirname, "..", "package-lock.json"), "utf8")) as Lockfile;
}

test("package-lock.json has no copy of a package below its minimum version", () => {
  assert.deepEqual(findOutdated(readLockfile(), MINIMUM_VERSIONS), []);
});

test("the minimum-version table is well formed", () => {
  const names = MINIMUM_VERSIONS.map((r) => r.name);
  assert.equal(new Set(names).size, names.length, "one row per package");
  for (const row of MINIMUM_VERSIONS) {
    assert.ok(parseVersion(row.minimum), `${row.name}: minimum ${row.minimum} is a version`);
    assert.ok(row.advisory.trim() && row.reason.trim(), `${row.name}: advisory and reason given`);
  }
});

test("findOutdated flags a vulnerable copy at any nesting depth", () => {
  const lock: Lockfile = {
    lockfileVersion: 3,
    packages: {
      "": { name: "root" },
      "node_modules/vega-expression": { version: "5.2.1" },
      "node_modules/vega-lite/node_modules/vega-expression": { version: "5.1.2" },
      "node_modules/a/node_modules/b/node_modules/vega-expression": { version: "5.2.0" },
      "node_modules/old-alias": { name: "vega-expression", version: "4.0.1" },
      "node_modules/vega-expression-extra": { version: "1.0.0" },
      "node_modules/@scope/vega-expression": { version: "1.0.0" },
      "node_modules/nnts": { link: true },
    },
  };
  const problems = findOutdated(lock, MINIMUM_VERSIONS);
  assert.deepEqual(
    problems.map((p) => p.split(" ")[0]),
    [
      "node_modules/vega-lite/node_modules/vega-expression@5.1.2",
      "node_modules/a/node_modules/b/node_modules/vega-expression@5.2.0",
      "node_modules/old-alias@4.0.1",
    ],
  );
  assert.match(problems[0], /CVE-2025-59840/);
});

test("findOutdated refuses a copy whose version cannot be read", () => {
  const lock: Lockfile = { lockfileVersion: 3, packages: { "node_modules/vega-expression": { version: "github:vega/vega#main" } } };
  assert.equal(findOutdated(lock, MINIMUM_VERSIONS).length, 1);
  assert.throws(() => findOutdated({ lockfileVersion: 1 }, MINIMUM_VERSIONS), /lockfileVersion/);
});

test("versions compare numerically, pre-releases before their release", () => {
  assert.equal(compareVersions("5.10.0", "5.9.9"), 1);
  assert.equal(compareVersions("5.2.1", "5.2.1"), 0);
  assert.equal(compareVersions("5.2.0", "5.2.1"), -1);
  assert.equal(compareVersions("6.0.0", "5.2.1"), 1);
  assert.equal(compareVersions("5.2.1-rc.1", "5.2.1"), -1);
  assert.equal(compareVersions("5.2.2-beta.0", "5.2.1"), 1);
  assert.equal(compareVersions("v5.2.1+build.7", "5.2.1"), 0);
  assert.throws(() => compareVersions("latest", "5.2.1"), /not a version/);
});
