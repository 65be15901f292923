import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportWriter } from '../../functions/monthly-report/report';

/** Writes report files to a local folder: on the local line, it stands in for the report bucket (`s3ReportWriter`). */
export function folderWriter(folder: string): ReportWriter {
  return {
    async write(name, body) {
      fs.mkdirSync(folder, { recursive: true });
      const file = path.join(folder, name);
      fs.writeFileSync(file, body);
      return file;
    },
  };
}
