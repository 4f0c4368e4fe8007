// nnts: the course library. One import gives a notebook everything it needs.

// Foundations: arrays, arithmetic kernel, randomness, profiles, display.
export * from "./tensor";
export * from "./kernel";
export * from "./random";
export * from "./profile";
export { show, LiveDisplay, textDisplay, setDisplayWriter } from "./display/show";
export type { Displayable, MimeBundle } from "./display/show";
export * from "./plot";
export * from "./data";
export * from "./preprocessing";
export * from "./python-format";

// Building blocks of networks.
export * from "./activations";
export * from "./losses";
export * from "./metrics";
export * from "./init";
export * from "./gradient";
export * from "./graph-nodes";
export * from "./layers";
export * from "./loss-layers";
export * from "./optimizers";
export * from "./training";

// The models of the chapters, in course order.
export * from "./models/slope-classifier";
export * from "./models/logic-gates";
export * from "./models/threshold-logic-units";
export * from "./models/perceptron";
export * from "./models/sklearn-perceptron";
export * from "./models/adaline";
export * from "./models/softmax-regression";
export * from "./models/two-layer-net";
export * from "./models/neural-net-mlp";
export * from "./models/mlp-classifier";
export * from "./models/sequential";
export * from "./models/mlp-builder";
// Post 004's functions have generic names (predict, activate): they come as one namespace.
export * as listOfNeurons from "./models/list-of-neurons";
// Post 004's Quest (chapter 13): the quest's functions, and the checks a learner runs on their own.
export * as questAnimals from "./models/quest-animals";
export * as questChecks from "./models/quest-checks";
