// What each stop_reason means for the person reading the answer, and what to do next.

export type Severity = 'info' | 'warning' | 'error';

export interface StopReasonMeaning {
  title: string;
  meaning: string;
  /** The next step, when there is one. */
  next?: string;
  severity: Severity;
}

const MEANINGS: Record<string, StopReasonMeaning> = {
  end_turn: {
    title: 'End of turn',
    meaning: 'Claude finished its answer naturally.',
    severity: 'info',
  },
  max_tokens: {
    title: 'Cut off at max_tokens',
    meaning: 'The answer hit the max_tokens limit and was cut off mid-way: it is incomplete.',
    next: 'Raise max_tokens and send again, or send this turn back with the partial answer to continue it.',
    severity: 'warning',
  },
  stop_sequence: {
    title: 'Stop sequence',
    meaning: 'Claude wrote one of the request\'s stop_sequences, and generation stopped there (the sequence itself is not in the text).',
    severity: 'info',
  },
  tool_use: {
    title: 'Tool use',
    meaning: 'Claude wants to call a tool and is waiting for its result.',
    next: 'Run the tool, then send this answer back as an assistant turn followed by a user turn with a tool_result block for each tool_use id.',
    severity: 'info',
  },
  pause_turn: {
    title: 'Paused turn',
    meaning: 'A long-running turn (server tools) was paused before it finished.',
    next: 'Send the request again with this answer appended as the assistant turn, unchanged, to let Claude continue.',
    severity: 'warning',
  },
  refusal: {
    title: 'Refusal',
    meaning: 'Claude declined to continue for safety reasons; the answer may be partial.',
    next: 'Read stop_details for the category and explanation; rephrase the request if it was misread.',
    severity: 'error',
  },
  model_context_window_exceeded: {
    title: 'Context window full',
    meaning: 'The conversation plus the answer reached the model\'s context window, so generation stopped.',
    next: 'Shorten the conversation (drop or summarise earlier turns, trim documents) and send again.',
    severity: 'warning',
  },
};

/** The meaning of a stop_reason; an unknown one (the API grows) is named as such, never hidden. */
export function stopReasonMeaning(reason: string | null | undefined): StopReasonMeaning {
  if (reason === null || reason === undefined) {
    return {
      title: 'No stop reason',
      meaning: 'The answer has no stop_reason: the stream ended before message_delta arrived.',
      severity: 'warning',
    };
  }
  return (
    MEANINGS[reason] ?? {
      title: reason,
      meaning: `A stop_reason this version of Claude Inspector does not know yet ("${reason}").`,
      severity: 'info',
    }
  );
}
