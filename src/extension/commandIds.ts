// Every command id in one place; package.json contributes the same ids, and a test keeps the two in step.

export const Commands = {
  sendSelection: 'claudeInspector.sendSelection',
  sendRequestFile: 'claudeInspector.sendRequestFile',
  setApiKey: 'claudeInspector.setApiKey',
  clearApiKey: 'claudeInspector.clearApiKey',
  copyCurl: 'claudeInspector.copyCurl',
  newRequestFile: 'claudeInspector.newRequestFile',
  listModels: 'claudeInspector.listModels',
  countTokens: 'claudeInspector.countTokens',
  historyOpen: 'claudeInspector.history.open',
  historyRerun: 'claudeInspector.history.rerun',
  historyOpenAsFile: 'claudeInspector.history.openRequestAsFile',
  historyCopyCurl: 'claudeInspector.history.copyCurl',
  historyPin: 'claudeInspector.history.pin',
  historyDelete: 'claudeInspector.history.delete',
  historyClear: 'claudeInspector.history.clear',
  historyFilter: 'claudeInspector.history.filter',
  historyClearFilter: 'claudeInspector.history.clearFilter',
  historyRefresh: 'claudeInspector.history.refresh',
  historyCompare: 'claudeInspector.history.compare',
  compareWithPrevious: 'claudeInspector.compareWithPreviousRun',
} as const;
