// Every command id in one place; package.json contributes the same ids, and a test keeps the two in step.

export const Commands = {
  sendSelection: 'claudeInspector.sendSelection',
  sendRequestFile: 'claudeInspector.sendRequestFile',
  setApiKey: 'claudeInspector.setApiKey',
  clearApiKey: 'claudeInspector.clearApiKey',
  copyCurl: 'claudeInspector.copyCurl',
  copyAsCode: 'claudeInspector.copyAsCode',
  newRequestFile: 'claudeInspector.newRequestFile',
  listModels: 'claudeInspector.listModels',
  countTokens: 'claudeInspector.countTokens',
} as const;
