// Seeded randomness for the course: Rng.numpy(seed) to match numpy notebooks,
// Rng.seeded(seed) for any string/number seed, new PythonRandom(seed) to match Python's random.
export { Rng } from "./rng";
export type { MutableArrayLike } from "./rng";
export { MT19937 } from "./mt19937";
export type { BitSource } from "./mt19937";
export { PythonRandom } from "./python-random";
