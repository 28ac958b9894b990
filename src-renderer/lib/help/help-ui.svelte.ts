// Whether the shortcut overlay is open.
class HelpUi {
  open = $state(false);
}

export const helpUi = new HelpUi();
