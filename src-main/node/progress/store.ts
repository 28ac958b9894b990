// The progress file under the app's user data folder (browser mode: a folder
// on the host). Every save replaces the file atomically (temp file, fsync,
// rename via write-file-atomic), so a crash leaves the old or the new state.
// Saves are queued so two never race for the same file.
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { emptyProgress, parseProgress, ProgressFormatError, serializeProgress, type Progress } from '../../core/lessons/progress.js';

export const PROGRESS_FILE_NAME = 'progress.json';

export interface LoadedProgress {
  progress: Progress;
  /** Set when the file could not be read: why, and where the unreadable file was moved. */
  problem?: string;
}

export class ProgressFileStore {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** The stored progress; a missing file is a new learner, an unreadable one is set aside (never deleted). */
  async load(): Promise<LoadedProgress> {
    await this.removeTempFiles();
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { progress: emptyProgress() };
      throw error;
    }
    try {
      return { progress: parseProgress(text) };
    } catch (error) {
      if (!(error instanceof ProgressFormatError)) throw error;
      const aside = `${this.file}.unreadable-${Date.now()}`;
      await rename(this.file, aside);
      return { progress: emptyProgress(), problem: `${error.message}; it was moved to ${aside} and progress starts anew` };
    }
  }

  /** Temp files a save killed before its rename left behind (write-file-atomic names them FILE.<number>). */
  private async removeTempFiles(): Promise<void> {
    const name = basename(this.file);
    const entries = await readdir(dirname(this.file)).catch(() => [] as string[]);
    const leftovers = entries.filter((e) => e.startsWith(`${name}.`) && /^\d+$/.test(e.slice(name.length + 1)));
    await Promise.all(leftovers.map((e) => rm(join(dirname(this.file), e), { force: true })));
  }

  /** Resolves once this state (and every earlier one) is on disk. */
  save(progress: Progress): Promise<void> {
    const text = serializeProgress(progress);
    const write = this.queue.then(() => writeFileAtomic(this.file, text, { fsync: true }));
    this.queue = write.catch(() => {});
    return write;
  }

  /** The file's contents for the learner to keep. */
  exportText(progress: Progress): string {
    return serializeProgress(progress);
  }

  /** Validates an exported file and makes it the stored progress; throws ProgressFormatError saying what is wrong. */
  async importText(text: string): Promise<Progress> {
    const progress = parseProgress(text);
    await this.save(progress);
    return progress;
  }
}
