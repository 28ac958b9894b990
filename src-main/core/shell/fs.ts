// A host's small file system: plain files written by commands and the shell,
// plus generated files (/proc/...) whose content comes from live state each
// time they are read, and whose writes go back to that state.

export interface GeneratedFile {
  read(): string;
  /** Absent for read-only files. Returns an error code or undefined. */
  write?(content: string): FsError | undefined;
  /** On a read-only mount: opening for writing fails with EROFS. */
  readOnly?: boolean;
  /** A device without end (/dev/zero, /dev/urandom): each read gives the next block; streaming readers keep reading. */
  endless?: boolean;
}

export type FsError = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EACCES' | 'EROFS' | 'EINVAL';

export class FileSystem {
  private readonly files = new Map<string, string>();
  private readonly generated = new Map<string, GeneratedFile>();
  private readonly dirs = new Set<string>(['/']);
  /** Symbolic links: path -> absolute target. */
  private readonly links = new Map<string, string>();

  /** `path` made absolute against `cwd`, with `.`, `..` and repeated slashes resolved. */
  static resolve(cwd: string, path: string, home = '/root'): string {
    let full = path;
    if (path === '~' || path.startsWith('~/')) full = home + path.slice(1);
    else if (!path.startsWith('/')) full = `${cwd}/${path}`;
    const parts: string[] = [];
    for (const part of full.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return '/' + parts.join('/');
  }

  /** `ln -s TARGET PATH`; the link lists as itself and resolves to its target. */
  symlink(path: string, target: string): void {
    this.ensureParent(path);
    this.links.set(path, FileSystem.resolve(path.slice(0, path.lastIndexOf('/')) || '/', target));
  }

  isSymlink(path: string): boolean {
    return this.links.has(path);
  }

  /** The path with symlinks in it replaced by their targets. */
  private follow(path: string): string {
    for (let hops = 0; hops < 8; hops++) {
      let changed = false;
      for (const [link, target] of this.links) {
        if (path === link || path.startsWith(link + '/')) {
          path = target + path.slice(link.length);
          changed = true;
          break;
        }
      }
      if (!changed) return path;
    }
    return path;
  }

  mkdir(path: string): void {
    let dir = '';
    for (const part of path.split('/').filter(Boolean)) {
      dir += '/' + part;
      this.dirs.add(dir);
    }
  }

  private ensureParent(path: string): void {
    this.mkdir(path.slice(0, path.lastIndexOf('/')));
  }

  /** Registers a file whose content is produced on each read. */
  generate(path: string, file: GeneratedFile): void {
    this.ensureParent(path);
    this.generated.set(path, file);
  }

  writeFile(path: string, content: string): FsError | undefined {
    path = this.follow(path);
    if (this.dirs.has(path)) return 'EISDIR';
    const gen = this.generated.get(path);
    if (gen) {
      if (!gen.write) return 'EACCES';
      return gen.write(content);
    }
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!this.dirs.has(parent)) return this.files.has(parent) ? 'ENOTDIR' : 'ENOENT';
    this.files.set(path, content);
    return undefined;
  }

  appendFile(path: string, content: string): FsError | undefined {
    const existing = this.readFile(path);
    return this.writeFile(path, (typeof existing === 'string' ? existing : '') + content);
  }

  /** The file's content, or an error code. */
  readFile(path: string): string | { error: FsError } {
    path = this.follow(path);
    if (this.dirs.has(path)) return { error: 'EISDIR' };
    const gen = this.generated.get(path);
    if (gen) return gen.read();
    const content = this.files.get(path);
    return content === undefined ? { error: 'ENOENT' } : content;
  }

  /** True for files whose content comes from live state (/proc). */
  isGenerated(path: string): boolean {
    return this.generated.has(path);
  }

  /** True for a device that never ends (/dev/zero): readers must stream it, never read it whole. */
  isEndless(path: string): boolean {
    return this.generated.get(this.follow(path))?.endless === true;
  }

  /** Checks a file can be opened for writing, truncating a plain file when asked (`>`). */
  openForWrite(path: string, truncate: boolean): FsError | undefined {
    path = this.follow(path);
    const gen = this.generated.get(path);
    if (gen) return gen.write ? probeWritable(gen) : 'EACCES';
    return truncate ? this.writeFile(path, '') : this.appendFile(path, '');
  }

  isDirectory(path: string): boolean {
    return this.dirs.has(this.follow(path));
  }

  exists(path: string): boolean {
    if (this.links.has(path)) return true;
    path = this.follow(path);
    return this.dirs.has(path) || this.files.has(path) || this.generated.has(path);
  }

  /** Removes a file, a generated file or an empty directory. */
  remove(path: string): boolean {
    if (this.dirs.has(path)) return !this.list(path)?.length && this.dirs.delete(path);
    return this.files.delete(path) || this.generated.delete(path);
  }

  /** Names directly inside `dir`, sorted, or undefined when it is not a directory. */
  list(dir: string): string[] | undefined {
    dir = this.follow(dir);
    if (!this.dirs.has(dir)) return undefined;
    const prefix = dir === '/' ? '/' : dir + '/';
    const names = new Set<string>();
    for (const path of [...this.dirs, ...this.files.keys(), ...this.generated.keys(), ...this.links.keys()]) {
      if (path.length > prefix.length && path.startsWith(prefix)) {
        names.add(path.slice(prefix.length).split('/')[0]);
      }
    }
    return [...names].sort();
  }
}

/** A read-only mount refuses the open itself, before anything is written. */
function probeWritable(file: GeneratedFile): FsError | undefined {
  return file.readOnly ? 'EROFS' : undefined;
}

/** The message bash and coreutils print for an error, e.g. `No such file or directory`. */
export function fsErrorText(error: FsError): string {
  switch (error) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'EISDIR':
      return 'Is a directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'EACCES':
      return 'Permission denied';
    case 'EROFS':
      return 'Read-only file system';
    case 'EINVAL':
      return 'Invalid argument';
  }
}
