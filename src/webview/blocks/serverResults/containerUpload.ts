// container_upload: a file the request put in the code execution container, by its file id.
import type { JsonObject } from '../../../shared/callRecord';
import { el, icon } from '../../dom/elements';
import { asString } from '../../values/json';
import { unexpected, type Rendered, type StaticSpec } from './resultParts';

function containerUpload(block: JsonObject): Rendered {
  const fileId = asString(block.file_id);
  return fileId !== undefined
    ? { body: [el('div', null, icon('cloud-upload'), ' File uploaded to the container: ', el('code', null, fileId))] }
    : unexpected(block);
}

export const containerUploadBlock: StaticSpec = { kind: 'block-result', icon: 'cloud-upload', title: 'Container upload', render: containerUpload };
