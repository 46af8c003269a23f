export function completeManifest() {}
export function writeEditorData() {}
