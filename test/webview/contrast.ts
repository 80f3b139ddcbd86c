// WCAG contrast of every visible text in the page, against the colour it is actually drawn on: the element's own
// background and its ancestors', composited from the first opaque one up (semi-transparent layers such as a hover
// or a badge are blended, as the browser paints them), and the text colour blended over that.
import type { Page } from 'playwright-core';

export interface ContrastFinding {
  /** A CSS path of the element, e.g. `td.usage-label > code.usage-path`. */
  element: string;
  text: string;
  foreground: string;
  background: string;
  ratio: number;
}

/**
 * Every visible element that has text of its own (a non-blank text node child), with its contrast. Runs in the
 * page: self-contained, no helpers from this module.
 */
export async function measureContrast(page: Page): Promise<ContrastFinding[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    interface El {
      tagName: string;
      className: unknown;
      parentElement: El | null;
      childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
      getBoundingClientRect(): { width: number; height: number };
      checkVisibility(options: Record<string, boolean>): boolean;
    }
    const g = globalThis as unknown as {
      document: { body: El; querySelectorAll(s: string): ArrayLike<El> };
      getComputedStyle(e: El): { color: string; backgroundColor: string; opacity: string };
    };
    const parse = (text: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(text);
      if (!m) {
        return [0, 0, 0, 0];
      }
      const parts = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
      return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    const luminance = (c: Rgba): number => {
      const channel = (v: number): number => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
      };
      return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    };
    const hex = (c: Rgba): string => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
    const name = (e: El): string => {
      const parts: string[] = [];
      for (let at: El | null = e; at && at !== g.document.body && parts.length < 4; at = at.parentElement) {
        const cls = typeof at.className === 'string' && at.className.trim() ? `.${at.className.trim().split(/\s+/).join('.')}` : '';
        parts.unshift(`${at.tagName.toLowerCase()}${cls}`);
      }
      return parts.join(' > ');
    };
    /** What is painted behind e: its layers and its ancestors', from the first opaque one up. */
    const backdrop = (e: El): Rgba => {
      const layers: Rgba[] = [];
      for (let at: El | null = e; at; at = at.parentElement) {
        const bg = parse(g.getComputedStyle(at).backgroundColor);
        if (bg[3] > 0) {
          layers.push(bg);
        }
        if (bg[3] >= 1) {
          break;
        }
      }
      // Nothing opaque at all: the page's canvas (VS Code paints the editor background behind the webview).
      let colour: Rgba = layers.length > 0 && layers[layers.length - 1][3] >= 1 ? layers.pop()! : [255, 255, 255, 1];
      while (layers.length > 0) {
        colour = over(layers.pop()!, colour);
      }
      return colour;
    };
    const findings: Array<{ element: string; text: string; foreground: string; background: string; ratio: number }> = [];
    const all = g.document.querySelectorAll('body *');
    for (let i = 0; i < all.length; i++) {
      const e = all[i];
      let text = '';
      for (let j = 0; j < e.childNodes.length; j++) {
        const node = e.childNodes[j];
        if (node.nodeType === 3) {
          text += node.textContent ?? '';
        }
      }
      text = text.replace(/\s+/g, ' ').trim();
      if (!text || ['SCRIPT', 'STYLE', 'TITLE', 'OPTION'].includes(e.tagName)) {
        continue;
      }
      if (!e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) {
        continue;
      }
      const box = e.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) {
        continue;
      }
      // Opacity dims the text (approximately: as if it applied to the text colour alone). Fully transparent is
      // not shown (the copy confirmation between two announcements).
      let opacity = 1;
      for (let at: El | null = e; at; at = at.parentElement) {
        opacity *= Number(g.getComputedStyle(at).opacity);
      }
      if (opacity === 0) {
        continue;
      }
      const background = backdrop(e);
      const colour = parse(g.getComputedStyle(e).color);
      const foreground = over([colour[0], colour[1], colour[2], colour[3] * opacity], background);
      const [l1, l2] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      findings.push({ element: name(e), text: text.slice(0, 60), foreground: hex(foreground), background: hex(background), ratio: Math.round(ratio * 100) / 100 });
    }
    return findings;
  });
}
