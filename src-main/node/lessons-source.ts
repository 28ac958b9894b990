// Lesson files from a folder on disk, for the app host and lessons:check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LessonSource } from '../core/lessons/loader.js';

export function folderSource(root: string): LessonSource {
  return {
    read(path) {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}
