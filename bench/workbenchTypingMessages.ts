// The typing benchmark (workbenchTyping.ts) on a 5 MB conversation of 4,000 messages instead of one long string: a
// stray quote typed in the middle message and removed, against the same text as plain JSON. What it watches here is
// the conversation's CodeLenses: VS Code lays out every lens of a file at each keystroke, so a lens per message
// would cost the page in proportion to the messages (a conversation this long gets one "Fork at a message…").
//
//   npm run bench -- --only workbenchTypingMessages [--workbench-typing-messages=4000]
process.env.BENCH_WORKBENCH_TYPING_MESSAGES ??= '4000';
// Loaded after the variable is set: the benchmark reads its options as it loads.
require('./workbenchTyping');
