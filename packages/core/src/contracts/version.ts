/**
 * Version of the plugin contracts below. A plugin states the version it was built against; the
 * registry refuses a different major version with a clear CONTRACT_VERSION error.
 */
export const CONTRACT_VERSION = 1;
