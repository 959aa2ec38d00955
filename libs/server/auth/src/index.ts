export * from './actor-cache.service';
export * from './auth.module';
export * from './dto/auth.dto';
export * from './password.service';
export * from './session.service';
export * from './tokens';
export { tokenFrom } from './auth.guard';
