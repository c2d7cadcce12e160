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
