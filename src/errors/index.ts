export { ErrorCode } from './error-code';
export {
  AppError,
  BadUserInputError,
  NotFoundError,
  ServiceUnavailableError,
  TimeoutError,
  UnreachableCaseError,
  type FieldProblem,
} from './app-error';
export { MAX_LISTED_PROBLEMS, ProblemList } from './problem-list';
