// Test fixture: the web container's root directory as Debian bookworm has it.
import { FileSystem } from '../../../src-main/core/shell/fs.js';

/** Debian bookworm's root as the web container has it (merged /usr: bin, lib, lib64, sbin are links). */
export class DebianRoot extends FileSystem {
  private readonly links = new Set(['/bin', '/lib', '/lib64', '/sbin']);
  constructor() {
    super();
    for (const d of ['boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'tmp', 'usr', 'var', 'bin', 'lib', 'lib64', 'sbin']) {
      this.mkdir('/' + d);
    }
    this.writeFile('/.dockerenv', '');
    this.writeFile('/tmp/notes.txt', 'hello\n');
  }
  isSymlink(path: string): boolean {
    return this.links.has(path);
  }
}

