// The screen's adjustable sizes as shared state, remembered across launches
// in localStorage (the rules live in sizes.ts).
import { clampLessonWidth, clampTerminalShare, parseSizes, type LayoutSizes } from './sizes.js';

const STORAGE_KEY = 'dne.layout';

class LayoutState {
  sizes = $state<LayoutSizes>(parseSizes(localStorage.getItem(STORAGE_KEY), window.innerWidth));
  windowWidth = $state(window.innerWidth);

  constructor() {
    window.addEventListener('resize', () => (this.windowWidth = window.innerWidth));
  }

  /** The lesson width as laid out in the current window. */
  get lessonWidth(): number {
    return clampLessonWidth(this.sizes.lessonWidth, this.windowWidth, this.sizes.navCollapsed);
  }

  setNavCollapsed(collapsed: boolean): void {
    this.save({ ...this.sizes, navCollapsed: collapsed });
  }

  setLessonWidth(width: number): void {
    this.save({ ...this.sizes, lessonWidth: clampLessonWidth(width, this.windowWidth, this.sizes.navCollapsed) });
  }

  setTerminalShare(share: number): void {
    this.save({ ...this.sizes, terminalShare: clampTerminalShare(share) });
  }

  private save(sizes: LayoutSizes): void {
    this.sizes = sizes;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(sizes));
    } catch {
      // Storage may be full or disabled; the sizes still hold for this session.
    }
  }
}

export const layout = new LayoutState();
