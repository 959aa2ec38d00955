export * from './actor-cache.service';
export * from './auth.module';
export * from './dto/auth.dto';
export * from './dto/validators';
export * from './password.service';
export * from './session.service';
export * from './tokens';
