export { attentionPooling } from './attention-pooling.js';
export { type BiLstmAttnHyper, bilstmAttn } from './bilstm-attn.js';
export { type CnnLogMelHyper, cnnLogMel } from './cnn-logmel.js';
export { default as register } from './register.js';
export { type TdnnLogMelHyper, tdnnLogMel } from './tdnn-logmel.js';
