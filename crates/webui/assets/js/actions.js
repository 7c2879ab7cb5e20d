// Changes to files and folders, each behind a dialog: create, rename, move, copy, delete
// (with confirmation), purge. Each resolves true when it changed something.

import { api, waitForJob } from './api.js';
import { confirmDialog, promptDialog } from './dialogs.js';
import { toast } from './dom.js';

/** `/a/b/` form: leading and trailing slash. */
export function folderPath(path) {
  const trimmed = (path || '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export function parentOf(filePath) {
  return folderPath(filePath.slice(0, filePath.lastIndexOf('/') + 1));
}

async function attempt(work, done) {
  try {
    await work();
    toast(done);
    return true;
  } catch (e) {
    toast(e.message, 'error');
    return false;
  }
}

export async function createFolder(parent) {
  const name = await promptDialog({ title: 'New folder', label: 'Folder name', confirm: 'Create',
    hint: `Created in ${parent}. Characters other than letters, digits, - and _ become _.` });
  if (!name) return false;
  return attempt(() => api('POST', '/v1/folder', { folderName: name, parentFolderPath: parent }),
    `Folder ${name} created.`);
}

export async function renameFile(file) {
  const name = await promptDialog({ title: `Rename ${file.name}`, label: 'New file name', value: file.name, confirm: 'Rename' });
  if (!name || name === file.name) return false;
  return attempt(() => api('PUT', '/v1/files/rename', { filePath: file.filePath, newFileName: name }),
    `Renamed to ${name}.`);
}

async function destination(title, from) {
  const to = await promptDialog({ title, label: 'Destination folder', value: from, confirm: 'OK',
    hint: 'A folder path such as /products/shoes/. Missing folders are created.' });
  return to ? folderPath(to) : null;
}

export async function moveFile(file) {
  const to = await destination(`Move ${file.name}`, parentOf(file.filePath));
  if (!to) return false;
  return attempt(() => api('POST', '/v1/files/move', { sourceFilePath: file.filePath, destinationPath: to }),
    `Moved ${file.name} to ${to}.`);
}

export async function copyFile(file) {
  const to = await destination(`Copy ${file.name}`, parentOf(file.filePath));
  if (!to) return false;
  return attempt(() => api('POST', '/v1/files/copy', { sourceFilePath: file.filePath, destinationPath: to }),
    `Copied ${file.name} to ${to}.`);
}

export async function deleteFile(file) {
  const sure = await confirmDialog({ title: `Delete ${file.name}?`, danger: true, confirm: 'Delete',
    message: `${file.filePath} and all its versions will be deleted. This cannot be undone.` });
  if (!sure) return false;
  return attempt(() => api('DELETE', `/v1/files/${encodeURIComponent(file.fileId)}`), `Deleted ${file.name}.`);
}

export async function renameFolder(folder) {
  const name = await promptDialog({ title: `Rename folder ${folder.name}`, label: 'New folder name', value: folder.name, confirm: 'Rename' });
  if (!name || name === folder.name) return false;
  return attempt(async () => {
    const job = await api('POST', '/v1/bulkJobs/renameFolder', { folderPath: folderPath(folder.folderPath), newFolderName: name });
    await waitForJob(job.jobId);
  }, `Folder renamed to ${name}.`);
}

export function moveFolder(folder) {
  return relocateFolder(folder, 'moveFolder', 'Move', 'Moved');
}

export function copyFolder(folder) {
  return relocateFolder(folder, 'copyFolder', 'Copy', 'Copied');
}

/** Moves or copies a folder into a chosen destination with a bulk job, and waits for it. */
async function relocateFolder(folder, job, verb, done) {
  const to = await destination(`${verb} folder ${folder.name}`, parentOf(folder.folderPath.replace(/\/$/, '')));
  if (!to) return false;
  return attempt(async () => {
    const started = await api('POST', `/v1/bulkJobs/${job}`, { sourceFolderPath: folderPath(folder.folderPath), destinationPath: to });
    await waitForJob(started.jobId);
  }, `${done} folder ${folder.name} to ${to}.`);
}

export async function deleteFolder(folder) {
  const sure = await confirmDialog({ title: `Delete folder ${folder.name}?`, danger: true, confirm: 'Delete',
    message: `${folderPath(folder.folderPath)} and everything in it will be deleted. This cannot be undone.` });
  if (!sure) return false;
  return attempt(() => api('DELETE', '/v1/folder', { folderPath: folderPath(folder.folderPath) }),
    `Deleted folder ${folder.name}.`);
}

export async function purgeUrl(url) {
  const target = await promptDialog({ title: 'Purge cached deliveries', label: 'URL to purge', value: url, confirm: 'Purge',
    hint: 'End with * to purge every URL that starts with it (e.g. all ?tr= variants).' });
  if (!target) return false;
  try {
    const answer = await api('POST', '/v1/files/purge', { url: target });
    toast(`Purge requested (${answer.requestId}).`);
    return true;
  } catch (e) {
    toast(e.message, 'error');
    return false;
  }
}
