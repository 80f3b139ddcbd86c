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
  continueConversation: 'claudeInspector.continueConversation',
  forkConversation: 'claudeInspector.forkConversation',
} as const;
