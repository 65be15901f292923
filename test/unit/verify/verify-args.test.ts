import { parseVerifyArgs, VerifyArgsError } from '../../../local/cli/verify-args';

describe('npm run verify flags', () => {
  it('reads a stage, staffing states and the partner API URL', () => {
    expect(
      parseVerifyArgs([
        '--stage',
        'prod',
        '--staffing',
        'staffed',
        '--staffing',
        'nobody',
        '--partner-api-url',
        'https://api.example.invalid',
      ]),
    ).toEqual({
      mode: 'aws',
      stage: 'prod',
      staffing: ['staffed', 'nobody'],
      partnerApiUrl: 'https://api.example.invalid',
    });
    expect(parseVerifyArgs(['--local'])).toEqual({ mode: 'local' });
    expect(parseVerifyArgs(['--help'])).toEqual({ mode: 'help' });
  });

  it.each([
    [[], /--stage <name> or --local/],
    [['--stage', 'preprod'], /unknown stage "preprod"/],
    [['--stage', 'prod', '--staffing', 'busy'], /expected staffed or nobody/],
    [['--local', '--stage', 'prod'], /--local takes no other flag/],
    [['--stage', 'prod', '--partner-api-url', 'http://x'], /https:\/\//],
    [['--stgae', 'prod'], /Unknown option '--stgae'/],
    [['--stage', 'prod', 'extra'], /Unexpected argument 'extra'/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseVerifyArgs(argv)).toThrow(VerifyArgsError);
    expect(() => parseVerifyArgs(argv)).toThrow(message);
  });
});
