export { folders, PACKAGE_NAME } from './folders.js';
