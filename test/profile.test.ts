import { test } from "node:test";
import assert from "node:assert/strict";
import { profile, profileName, PROFILE_ENV } from "../lib/src/profile";

function withProfile<T>(value: string | undefined, fn: () => T): T {
  const saved = process.env[PROFILE_ENV];
  if (value === undefined) delete process.env[PROFILE_ENV];
  else process.env[PROFILE_ENV] = value;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env[PROFILE_ENV];
    else process.env[PROFILE_ENV] = saved;
  }
}

test("the full profile is the default", () => {
  assert.equal(withProfile(undefined, profileName), "full");
  assert.equal(withProfile(undefined, () => profile({ full: 200, ci: 3 })), 200);
});

test("the ci profile picks the ci value", () => {
  assert.equal(withProfile("ci", () => profile({ full: 200, ci: 3 })), 3);
});

test("an unknown profile is an error naming it", () => {
  assert.throws(() => withProfile("fast", profileName), /NNTS_PROFILE must be "full" or "ci", got "fast"/);
});
