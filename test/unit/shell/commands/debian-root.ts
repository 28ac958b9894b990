// Test fixture: the web container's root directory as Debian bookworm has it.
import { FileSystem } from '../../../../src-main/core/shell/fs.js';

/** Debian bookworm's root as the web container has it (merged /usr: bin, lib, lib64, sbin are links). */
export class DebianRoot extends FileSystem {
  constructor() {
    super();
    for (const d of ['boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'tmp', 'usr/bin', 'usr/lib', 'usr/lib64', 'usr/sbin', 'var']) {
      this.mkdir('/' + d);
    }
    for (const link of ['bin', 'lib', 'lib64', 'sbin']) this.symlink('/' + link, `usr/${link}`);
    this.writeFile('/.dockerenv', '');
    this.writeFile('/tmp/notes.txt', 'hello\n');
  }
}

