export { buildLstm, type LstmHyper, lstmInitial, lstmSeed, PAPER_TRAINING } from './lstm.js';
export { orthogonalFromGaussian } from './orthogonal.js';
export { PACKAGE_NAME } from './package-info.js';
